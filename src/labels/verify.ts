// What the public may know about a serial: its status, the holder's name, a masked USCC, the
// domains and the dates. The revocation reason and the issuing staff member stay internal.
import type { Db } from "../db/index.ts";
import { maskUscc } from "../identity/index.ts";
import { summarise } from "./list.ts";
import { findLabel } from "./repository.ts";
import { normaliseSerial } from "./serial.ts";
import type { IssuedLabelStatus } from "./status.ts";

export type LabelVerification =
  | { serial: string; status: "not_issued" }
  | {
      serial: string;
      status: IssuedLabelStatus;
      holderName: string;
      usccMasked: string;
      domains: string[];
      /** Calendar dates, YYYY-MM-DD in China Standard Time. */
      issuedOn: string;
      expiresOn: string;
      revokedOn: string | null;
    };

/** Longest text echoed back for an unknown serial: enough for any typo, not for an essay. */
const maxEchoedLength = 40;

export async function verifyLabel(db: Db, serialText: string, now = new Date()): Promise<LabelVerification> {
  const serial = normaliseSerial(serialText);
  const label = serial ? await findLabel(db.prisma, serial) : null;
  if (!serial || !label)
    return { serial: serial ?? serialText.trim().slice(0, maxEchoedLength), status: "not_issued" };
  const { status, holderName, uscc, domains, issuedOn, expiresOn, revokedOn } = summarise(label, now);
  return { serial, status, holderName, usccMasked: maskUscc(uscc), domains, issuedOn, expiresOn, revokedOn };
}
