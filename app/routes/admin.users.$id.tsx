import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { users } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HistoryLink } from "~/components/history";
import { UserFormSchema, UserForm } from "~/components/user-form";
import { restoreRecord, softDeleteRecord } from "~/models/records.server";
import { organisationAndCountryOptions } from "~/models/reference.server";
import { emailTaken, getUser, updateUserByAdmin } from "~/models/users.server";
import { requireActor } from "~/utils/auth.server";
import { forbidden, requireAdmin } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireAdmin(await requireActor(request));
  const db = getDb();
  const user = await getUser(db, params.id!);
  invariantResponse(user, "User not found", { status: 404 });
  return { user, ...(await organisationAndCountryOptions(db)) };
}

const StatusSchema = z.object({ intent: z.enum(["disable", "enable"]), version: z.coerce.number().int().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requireAdmin(actor);
  const db = getDb();
  const formData = await request.formData();
  const id = params.id!;

  if (formData.get("intent") !== "save") {
    const status = StatusSchema.safeParse(Object.fromEntries(formData));
    if (!status.success) throw new Response("Unknown action", { status: 400 });
    if (id === actor.id) forbidden("You cannot disable your own account.");
    const change = status.data.intent === "disable" ? softDeleteRecord : restoreRecord;
    await change(db, users, "user", { id, expectedVersion: status.data.version, actorId: actor.id });
    return redirect(`/admin/users/${id}`, {
      headers: await flashMessage(request, status.data.intent === "disable" ? "Account disabled." : "Account enabled."),
    });
  }

  const submission = parseWithZod(formData, { schema: UserFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (await emailTaken(db, submission.value.email, id)) {
    return data(submission.reply({ fieldErrors: { email: ["A user with this email already exists"] } }), { status: 400 });
  }
  const { version, organisationId, countryCode, password: _, ...rest } = submission.value;
  if (version === undefined) return data(submission.reply({ formErrors: ["Reload the page and try again."] }), { status: 400 });
  const saved = await saveOrReplyStale(submission, () =>
    db.transaction((tx) =>
      updateUserByAdmin(tx, actor, id, version, { ...rest, organisationId: organisationId ?? null, countryCode: countryCode ?? null }),
    ),
  );
  if (!saved.ok) return saved.response;
  return redirect(`/admin/users/${id}`, { headers: await flashMessage(request, "Saved.") });
}

export default function EditUserPage() {
  const { user, organisations, countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/admin/users">← All users</Link>
      </p>
      <h1>
        {user.displayName} {user.deletedAt && <span className="badge danger">Disabled</span>}
      </h1>
      <UserForm
        key={user.version}
        mode="edit"
        lastResult={lastResult}
        defaultValue={{
          ...user,
          organisationId: user.organisationId ?? "",
          countryCode: user.countryCode ?? "",
          version: String(user.version),
        }}
        organisations={organisations}
        countries={countries}
      />
      <h2>Account status</h2>
      <Form method="post" className="actions">
        <input type="hidden" name="version" value={user.version} />
        {user.deletedAt ? (
          <button type="submit" name="intent" value="enable">
            Enable account
          </button>
        ) : (
          <button type="submit" name="intent" value="disable" className="danger">
            Disable account
          </button>
        )}
        <HistoryLink kind="user" id={user.id} />
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit user · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
