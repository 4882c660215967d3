// Saving a session form: a stale version becomes the shared 409 form error,
// input the model refused (a taken external id, facts that do not add up)
// becomes field errors with status 400. Nothing is written in either case.
import { data } from "@remix-run/node";
import { type SubmissionResult } from "@conform-to/react";
import { type Executor } from "#db/client.server";
import { needsConfirmation, readAcknowledged } from "~/domain/session-warnings";
import { checkSessionInput, type SessionCheckInput } from "~/models/session-check.server";
import { SessionInputError } from "~/models/sessions.server";
import { type SignedInActor } from "./permissions.server";
import { saveOrReplyStale } from "./submission.server";

type Replyable = {
  reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>;
};

export async function saveSessionOrReply<T>(submission: Replyable, save: () => Promise<T>) {
  try {
    return await saveOrReplyStale(submission, save);
  } catch (error) {
    if (error instanceof SessionInputError) {
      return { ok: false as const, response: data(submission.reply({ fieldErrors: error.fieldErrors }), { status: 400 }) };
    }
    throw error;
  }
}

/**
 * The entry-time check before saving (DESIGN §4): a planned or confirmed
 * session with overlaps or possible duplicates the person has not been shown
 * is not saved; the form comes back with the warnings and its values, and
 * saving again confirms. Null when the save may go ahead.
 */
export async function replyWithUnseenWarnings(
  db: Executor,
  actor: SignedInActor,
  submission: Replyable,
  formData: FormData,
  input: Omit<SessionCheckInput, "id">,
  sessionId: string | null,
) {
  const check = await checkSessionInput(db, actor, { ...input, id: sessionId });
  if (!needsConfirmation(input.status, check, readAcknowledged(formData.get("acknowledged")))) return null;
  const reply = submission.reply({ formErrors: ["Similar sessions are already registered: see them above the save button, then save again to confirm."] });
  return data({ ...reply, check }, { status: 200 });
}
