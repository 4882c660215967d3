import { type ParamError } from "~/domain/api-params";

/**
 * What a list page could not use from its query and left out, each with the
 * reason. Its CsvLink is given the same parameters as `leftOut`.
 */
export function LeftOutFilters({ problems }: { problems: ParamError[] }) {
  if (!problems.length) return null;
  return (
    <div className="error-summary" role="alert">
      <p>Some filters could not be used and were left out:</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem.parameter}>{problem.error}</li>
        ))}
      </ul>
    </div>
  );
}
