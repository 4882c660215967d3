import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { FormErrors, TextField } from "~/components/forms";
import { isLoginRateLimited, verifyLogin } from "~/models/users.server";
import { clientAddress, getActor, startSession } from "~/utils/auth.server";
import { safeRedirect } from "~/utils/safe-redirect";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

const LoginSchema = z.object({
  email: z.email({ error: "Enter a valid email address" }),
  password: z.string({ error: "Enter your password" }).min(1, { error: "Enter your password" }),
  redirectTo: z.string().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const db = getDb();
  const rateKey = `${submission.value.email.toLowerCase()}|${clientAddress(request)}`;
  if (await isLoginRateLimited(db, rateKey)) {
    return data(submission.reply({ formErrors: ["Too many failed attempts. Wait 15 minutes and try again."], hideFields: ["password"] }), { status: 429 });
  }
  const userId = await verifyLogin(db, submission.value.email, submission.value.password, rateKey);
  if (!userId) return data(submission.reply({ formErrors: ["Email or password is incorrect."], hideFields: ["password"] }), { status: 401 });
  return startSession(request, userId, safeRedirect(submission.value.redirectTo));
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section className="prose">
      <h1>Sign in</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <TextField field={fields.email} label="Email" type="email" autoComplete="email" />
        <TextField field={fields.password} label="Password" type="password" autoComplete="current-password" />
        <div className="actions">
          <button type="submit">Sign in</button>
        </div>
      </Form>
      <p className="muted">Accounts are created by an administrator. The demo accounts are listed in the README.</p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign in · Training Coordination Registry" }];
