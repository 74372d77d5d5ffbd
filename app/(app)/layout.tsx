import type { ReactNode } from "react";

export default function OperatorLayout({ children }: { children: ReactNode }) {
  return <div className="h-full">{children}</div>;
}
