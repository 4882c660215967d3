import { data } from "@remix-run/node";
import { type SubmissionResult } from "@conform-to/react";
import { StaleVersionError } from "~/models/records.server";

type Replyable = { reply: (options?: { formErrors?: string[] }) => SubmissionResult<string[]> };

/**
 * Run a save for a valid submission. A stale version becomes a form-level
 * error with status 409 (nothing written); anything else propagates.
 */
export async function saveOrReplyStale<T>(submission: Replyable, save: () => Promise<T>) {
  try {
    return { ok: true as const, value: await save() };
  } catch (error) {
    if (error instanceof StaleVersionError) {
      return { ok: false as const, response: data(submission.reply({ formErrors: [error.message] }), { status: 409 }) };
    }
    throw error;
  }
}
