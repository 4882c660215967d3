// Saving a session form: a stale version becomes the shared 409 form error,
// input the model refused (a taken external id, facts that do not add up)
// becomes field errors with status 400. Nothing is written in either case.
import { data } from "@remix-run/node";
import { type SubmissionResult } from "@conform-to/react";
import { SessionInputError } from "~/models/sessions.server";
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
