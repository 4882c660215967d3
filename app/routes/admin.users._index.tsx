import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ROLES } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listUsers, type Role } from "~/models/users.server";
import { requireActor } from "~/utils/auth.server";
import { humanise } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const params = new URL(request.url).searchParams;
  const role = ROLES.find((r) => r === params.get("role")) as Role | undefined;
  const q = params.get("q")?.trim() || undefined;
  const users = await listUsers(getDb(), actor, { q, role });
  return { users, q: q ?? "", role: role ?? "" };
}

export default function UsersPage() {
  const { users, q, role } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="results-head">
        <h1>Users</h1>
        <Link className="button" to="/admin/users/new">
          Create user
        </Link>
      </div>
      <Form method="get" className="row" role="search" aria-label="Find users">
        <div className="field">
          <label htmlFor="q">Name or email</label>
          <input id="q" name="q" type="search" defaultValue={q} />
        </div>
        <div className="field">
          <label htmlFor="role">Role</label>
          <select id="role" name="role" defaultValue={role}>
            <option value="">Any role</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {humanise(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">Filter</button>
        </div>
      </Form>
      <table>
        <caption className="visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Organisation</th>
            <th scope="col">Country</th>
            <th scope="col">Vetted</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <Link to={`/admin/users/${u.id}`}>{u.displayName}</Link>
                {u.deletedAt && <span className="badge danger"> Disabled</span>}
              </td>
              <td>{u.email}</td>
              <td>{humanise(u.role)}</td>
              <td>{u.organisationName ?? "—"}</td>
              <td>{u.countryCode ?? "—"}</td>
              <td>{u.vetted ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Users · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
