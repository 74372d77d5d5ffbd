import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Paths of one machine, or of folders beside the checkout: nothing in the repository may name them. */
const MACHINE_PATH = /(?:^|[\s`'"(=:])(?:\/work\/|\/home\/[\w.-]+|\/Users\/[\w.-]+|\/root\/|(?:\.\.\/)+shared\b)/;

describe("the repository names no path outside itself", () => {
  it("no tracked text file names a machine path or a folder beside the checkout", () => {
    const files = execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" })
      .split("\0")
      .filter((f) => f && !/\.(png|jpe?g|gif|webp|ico|woff2?)$/.test(f));
    const hits: string[] = [];
    for (const file of files) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (MACHINE_PATH.test(line)) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(hits).toEqual([]);
  });
});
