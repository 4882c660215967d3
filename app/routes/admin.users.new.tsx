import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { UserFormSchema, UserForm } from "~/components/user-form";
import { organisationAndCountryOptions } from "~/models/reference.server";
import { createUser, emailTaken } from "~/models/users.server";
import { requireActor } from "~/utils/auth.server";
import { requireAdmin } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireAdmin(await requireActor(request));
  return organisationAndCountryOptions(getDb());
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requireAdmin(actor);
  const submission = parseWithZod(await request.formData(), { schema: UserFormSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const db = getDb();
  if (await emailTaken(db, submission.value.email)) {
    return data(submission.reply({ fieldErrors: { email: ["A user with this email already exists"] }, hideFields: ["password"] }), { status: 400 });
  }
  const { organisationId, countryCode, password, version: _, ...rest } = submission.value;
  const user = await createUser(db, actor, {
    ...rest,
    password: password!, // the schema requires it when there is no version
    organisationId: organisationId ?? null,
    countryCode: countryCode ?? null,
  });
  return redirect(`/admin/users/${user.id}`, { headers: await flashMessage(request, `Created ${user.displayName}.`) });
}

export default function NewUserPage() {
  const options = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>Create user</h1>
      <UserForm mode="new" lastResult={lastResult} {...options} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Create user · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
