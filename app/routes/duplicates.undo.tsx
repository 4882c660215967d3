// POST /duplicates/undo: take back a duplicate decision (coordinators).
// "unmerge" restores every record of a merge; "reopen" lets a pair marked
// not a duplicate (or unsure) be proposed again. Named by the decision, or
// for an unmerge from a merged record's page by the record itself.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { DUPLICATE_KINDS } from "#db/schema";
import { MergeRefusedError, reopenDecision, unmergeDecision } from "~/models/duplicate-decisions.server";
import { mergeDecisionOf } from "~/models/duplicates.server";
import { notFound } from "~/models/records.server";
import { requireActor } from "~/utils/auth.server";
import { requireCoordinator } from "~/utils/permissions.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { flashMessage } from "~/utils/session.server";

const UndoSchema = z.object({
  intent: z.enum(["unmerge", "reopen"]),
  decision: z.string().optional(),
  kind: z.enum(DUPLICATE_KINDS).optional(),
  record: z.string().optional(),
  redirectTo: z.string().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requireCoordinator(actor);
  const submission = parseWithZod(await request.formData(), { schema: UndoSchema });
  if (submission.status !== "success") return data({ error: "Say what to undo." }, { status: 400 });
  const { intent, kind, record, redirectTo } = submission.value;
  const db = getDb();
  const decisionId = submission.value.decision ?? (kind && record ? await mergeDecisionOf(db, actor, kind, record) : null);
  if (!decisionId) notFound(intent === "unmerge" ? "No merge of this record to undo." : "Decision not found");
  try {
    if (intent === "unmerge") {
      const done = await unmergeDecision(db, actor, decisionId);
      const kept = done.kept.length ? ` Kept on the surviving record because they were edited since: ${done.kept.join(", ")}.` : "";
      return redirect(safeRedirect(redirectTo, "/duplicates?view=reviewed"), { headers: await flashMessage(request, `Merge undone: ${done.restoredIds.length + 1} records are separate again.${kept}`) });
    }
    await reopenDecision(db, actor, decisionId);
    return redirect(safeRedirect(redirectTo, "/duplicates?view=reviewed"), { headers: await flashMessage(request, "The pair will be proposed again.") });
  } catch (error) {
    // Said on the page the coordinator came from, which still shows how things stand.
    if (error instanceof MergeRefusedError) return redirect(safeRedirect(redirectTo, "/duplicates?view=reviewed"), { headers: await flashMessage(request, error.message) });
    throw error;
  }
}
