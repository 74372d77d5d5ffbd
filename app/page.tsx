import { redirect } from "next/navigation";

// The product lives under /app; proxy.ts sends signed-out visitors to /login first.
export default function Home(): never {
  redirect("/app");
}
