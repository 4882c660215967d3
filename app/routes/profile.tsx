import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { createApiToken, listApiTokens, revokeApiToken } from "~/models/api-tokens.server";
import { changeOwnPassword, emailTaken, getUser, updateOwnProfile } from "~/models/users.server";
import { requireActor } from "~/utils/auth.server";
import { formatDateTime, humanise } from "~/utils/format";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const user = await getUser(getDb(), actor.id);
  if (!user) throw new Response("Account not found", { status: 404 });
  return { user, tokens: await listApiTokens(getDb(), actor) };
}

const ProfileSchema = z.object({
  intent: z.literal("profile"),
  displayName: z.string({ error: "Enter your name" }).trim().min(2, { error: "Enter your name" }).max(120),
  email: z.email({ error: "Enter a valid email address" }),
  version: z.coerce.number().int().min(1),
});

const PasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string({ error: "Enter your current password" }),
    newPassword: z.string({ error: "Choose a new password" }).min(12, { error: "Use at least 12 characters" }).max(200),
    confirmPassword: z.string({ error: "Repeat the new password" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "The two passwords differ" });

const TokenSchema = z.object({
  intent: z.literal("create-token"),
  name: z.string({ error: "Name the token, e.g. after the script that uses it" }).trim().min(1).max(80),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const formData = await request.formData();

  if (formData.get("intent") === "create-token") {
    const submission = parseWithZod(formData, { schema: TokenSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const created = await createApiToken(db, actor, submission.value.name);
    // The only time the token is shown: it is stored hashed.
    return { ...submission.reply({ resetForm: true }), newToken: created };
  }
  if (formData.get("intent") === "revoke-token") {
    await revokeApiToken(db, actor, String(formData.get("tokenId") ?? ""));
    return redirect("/profile", { headers: await flashMessage(request, "Token revoked.") });
  }

  if (formData.get("intent") === "password") {
    const submission = parseWithZod(formData, { schema: PasswordSchema });
    const hide = ["currentPassword", "newPassword", "confirmPassword"];
    if (submission.status !== "success") return data(submission.reply({ hideFields: hide }), { status: 400 });
    const changed = await changeOwnPassword(db, actor, submission.value.currentPassword, submission.value.newPassword);
    if (!changed) {
      return data(submission.reply({ fieldErrors: { currentPassword: ["That is not your current password"] }, hideFields: hide }), { status: 400 });
    }
    return redirect("/profile", { headers: await flashMessage(request, "Password changed.") });
  }

  const submission = parseWithZod(formData, { schema: ProfileSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (await emailTaken(db, submission.value.email, actor.id)) {
    return data(submission.reply({ fieldErrors: { email: ["Another account uses this email"] } }), { status: 400 });
  }
  const saved = await saveOrReplyStale(submission, () => updateOwnProfile(db, actor, submission.value.version, submission.value));
  if (!saved.ok) return saved.response;
  return redirect("/profile", { headers: await flashMessage(request, "Profile saved.") });
}

export default function ProfilePage() {
  const { user, tokens } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const intent = lastResult?.initialValue?.intent;
  const newToken = lastResult && "newToken" in lastResult ? lastResult.newToken : null;
  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: intent === "profile" ? lastResult : undefined,
    defaultValue: { displayName: user.displayName, email: user.email },
    constraint: getZodConstraint(ProfileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
    shouldRevalidate: "onInput",
  });
  const [tokenForm, tokenFields] = useForm({
    id: "token",
    // A created token's reply resets the form (it carries no intent), so the name is empty for the next.
    lastResult: intent === "create-token" || newToken ? lastResult : undefined,
    constraint: getZodConstraint(TokenSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TokenSchema }),
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: intent === "password" ? lastResult : undefined,
    constraint: getZodConstraint(PasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1>Your profile</h1>
      <dl className="facts">
        <dt>Role</dt>
        <dd>{humanise(user.role)}</dd>
        <dt>Vetted</dt>
        <dd>{user.vetted ? "Yes: you may open restricted materials" : "No"}</dd>
      </dl>
      <div className="two-col">
        <section>
          <h2>Name and email</h2>
          <Form method="post" className="stack" {...getFormProps(profileForm)}>
            <FormErrors id={profileForm.errorId} errors={profileForm.errors} />
            <input type="hidden" name="intent" value="profile" />
            <input type="hidden" name="version" value={user.version} />
            <TextField field={profileFields.displayName} label="Name" autoComplete="name" />
            <TextField field={profileFields.email} label="Email" type="email" autoComplete="email" />
            <div className="actions">
              <button type="submit">Save profile</button>
            </div>
          </Form>
        </section>
        <section>
          <h2>Change password</h2>
          <Form method="post" className="stack" {...getFormProps(passwordForm)}>
            <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
            <input type="hidden" name="intent" value="password" />
            <TextField field={passwordFields.currentPassword} label="Current password" type="password" autoComplete="current-password" />
            <TextField field={passwordFields.newPassword} label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." />
            <TextField field={passwordFields.confirmPassword} label="Repeat new password" type="password" autoComplete="new-password" />
            <div className="actions">
              <button type="submit">Change password</button>
            </div>
          </Form>
        </section>
      </div>
      <section>
        <h2>API tokens</h2>
        <p className="muted">
          A token lets a script read the JSON API (<code>/api/v1/…</code>), the CSV, XML and calendar exports and the
          material files you may download, with your permissions: send it as <code>Authorization: Bearer TOKEN</code>. It
          cannot change anything.
        </p>
        {newToken && (
          <div className="notice" role="status">
            <p>
              New token <strong>{newToken.name}</strong>. Copy it now: it will not be shown again.
            </p>
            <p>
              <code aria-label="New API token">{newToken.token}</code>
            </p>
          </div>
        )}
        {tokens.length > 0 && (
          <table>
            <caption className="visually-hidden">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-token" />
                      <input type="hidden" name="tokenId" value={t.id} />
                      <button type="submit" className="secondary">
                        Revoke {t.name}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Form method="post" className="stack" {...getFormProps(tokenForm)}>
          <input type="hidden" name="intent" value="create-token" />
          <TextField field={tokenFields.name} label="Token name" />
          <div className="actions">
            <button type="submit">Create token</button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Your profile · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
