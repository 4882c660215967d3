import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { TitleLink } from "~/components/title-link";
import { getHeadlineFigures, listRecentAndUpcoming } from "~/models/stats.server";
import { formatDateRange, formatNumber, humanise, today } from "~/utils/format";

export async function loader(_: LoaderFunctionArgs) {
  const db = getDb();
  const [figures, sessions] = await Promise.all([getHeadlineFigures(db), listRecentAndUpcoming(db, today())]);
  return { figures, ...sessions };
}

type SessionSummary = Awaited<ReturnType<typeof loader>>["recent"][number];

function SessionList({ sessions, empty }: { sessions: SessionSummary[]; empty: string }) {
  if (!sessions.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="card-list">
      {sessions.map((s) => (
        <li key={s.id} className="card">
          <h3>
            <TitleLink to={`/sessions/${s.id}`}>{s.title}</TitleLink>
          </h3>
          <p className="muted">
            {formatDateRange(s.startDate, s.endDate)} · {s.city ? `${s.city}, ` : ""}
            {s.hostCountryName} · {s.providerName} · <span className="badge">{humanise(s.status)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function Home() {
  const { figures, recent, upcoming } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="prose">
        <h1>Training Coordination Registry</h1>
        <p>
          One place that tracks training against technology-facilitated child abuse and exploitation, as asked for in paragraph 59
          of the UN report E/CN.15/2014/7: so that efforts are not duplicated, materials are shared, and the countries with unmet
          needs are seen.
        </p>
        <p>
          Donors check what has been delivered and planned before they fund; trainers publish courses and materials and report
          sessions; coordinators spot duplication and gaps; Member States request assistance.
        </p>
      </section>
      <h2>In the registry</h2>
      <ul className="figures">
        <li>
          <strong>{formatNumber(figures.sessionsDelivered)}</strong> sessions delivered
        </li>
        <li>
          <strong>{formatNumber(figures.countriesReached)}</strong> countries reached
        </li>
        <li>
          <strong>{formatNumber(figures.participantsTrained)}</strong> participants trained
        </li>
        <li>
          <strong>{formatNumber(figures.activeCourses)}</strong> <Link to="/courses">courses</Link>
        </li>
        <li>
          <strong>{formatNumber(figures.trainers)}</strong> <Link to="/trainers">trainers</Link>
        </li>
      </ul>
      <div className="two-col">
        <section>
          <h2>Upcoming sessions</h2>
          <SessionList sessions={upcoming} empty="No planned sessions yet." />
        </section>
        <section>
          <h2>Recently delivered</h2>
          <SessionList sessions={recent} empty="No completed sessions yet." />
        </section>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [
  { title: "Training Coordination Registry" },
  { name: "description", content: "Who is trained on what, where: training against technology-facilitated child abuse and exploitation." },
];
