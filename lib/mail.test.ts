import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sendMail } from "./mail";

describe("sendMail without SMTP_URL (the outbox)", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-mail-"));
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("OUTBOX_DIR", dir);
    vi.spyOn(console, "log").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("leaves exactly one whole .txt per message and no partly written file beside it", async () => {
    // A reader polls the folder for "*-<address>.txt": while a message is being written, no such name may exist.
    const written: string[] = [];
    const write = fs.writeFileSync.bind(fs);
    vi.spyOn(fs, "writeFileSync").mockImplementation((file, ...rest) => {
      written.push(String(file));
      expect(fs.readdirSync(dir).filter((f) => f.endsWith(".txt"))).toHaveLength(written.length - 1);
      return write(file, ...rest);
    });
    const text = "Confirm: http://localhost:3000/confirm?token=abc\n".repeat(200);
    await sendMail({ to: "Ada <ada@example.com>", subject: "Confirm your address", text });
    await sendMail({ to: "bob@example.com", subject: "Reset", text: "x" });
    expect(written.filter((f) => f.endsWith(".txt"))).toEqual([]);
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith(".txt"))).toBe(true);
    const ada = files.find((f) => f.endsWith("-Ada__ada@example.com_.txt"))!;
    expect(fs.readFileSync(path.join(dir, ada), "utf8")).toMatch(
      /^From: .*\nTo: Ada <ada@example.com>\nSubject: Confirm your address\n\n/,
    );
    expect(fs.readFileSync(path.join(dir, ada), "utf8").endsWith(`${text}\n`)).toBe(true);
  });
});
