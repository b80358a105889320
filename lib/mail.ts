import fs from "node:fs";
import path from "node:path";
import { publicOrigin } from "@/lib/http/public-origin.mjs";

/**
 * Outgoing email. With SMTP_URL (smtp://user:pass@host:587) it goes through nodemailer; without it
 * (the embedded default) each message is written to OUTBOX_DIR (default data/outbox) as a .txt
 * file and logged, so flows such as password reset work and are testable on one machine.
 */
export type TMail = { to: string; subject: string; text: string };

function outboxDir() {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.OUTBOX_DIR || "data/outbox");
}

export async function sendMail(mail: TMail): Promise<void> {
  const from = process.env.MAIL_FROM || "Learn Netverks <no-reply@learn-netverks.local>";
  if (process.env.SMTP_URL) {
    const nodemailer = await import("nodemailer");
    const transport = nodemailer.createTransport(process.env.SMTP_URL);
    await transport.sendMail({ from, ...mail });
    return;
  }
  const dir = outboxDir();
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const safeTo = mail.to.replace(/[^a-z0-9@._-]/gi, "_");
  const file = path.join(dir, `${stamp}-${safeTo}.txt`);
  // Written beside and renamed into place, so a reader polling the folder never sees half a message.
  fs.writeFileSync(`${file}.part`, `From: ${from}\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`);
  fs.renameSync(`${file}.part`, file);
  console.log(`mail: no SMTP_URL set, wrote "${mail.subject}" for ${mail.to} to ${path.relative(process.cwd(), file)}`);
}

/**
 * A link to a page of the site, always on the configured public origin (APP_URL; the embedded
 * default is http://localhost:$PORT). Never built from Host or X-Forwarded-*: a reset link built
 * from a forged header would carry its token to the forger's host.
 */
export function siteLink(pathAndQuery: string): string {
  return `${publicOrigin().origin}${pathAndQuery}`;
}

/** How this server delivers mail, for the pages that tell people where to look. */
export function mailDelivery(): "smtp" | "outbox" {
  return process.env.SMTP_URL ? "smtp" : "outbox";
}
