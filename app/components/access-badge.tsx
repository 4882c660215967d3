/** How open a material is, at a glance: a lock for restricted ones, nothing for public ones. */
export function AccessBadge({ level }: { level: "public" | "registered" | "restricted" }) {
  if (level === "restricted") {
    return (
      <span className="badge danger">
        <LockIcon /> Restricted
      </span>
    );
  }
  return level === "registered" ? <span className="badge">Registered users</span> : null;
}

// Drawn rather than an emoji: not every system has an emoji font.
function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
    </svg>
  );
}
