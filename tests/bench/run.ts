// `npm run bench -- <name> [options]`: one benchmark per name.
const [name, ...args] = process.argv.slice(2);

switch (name) {
  case "coverage": {
    const { runCoverageBench } = await import("./coverage");
    await runCoverageBench(args);
    break;
  }
  default:
    console.error("Usage: npm run bench -- <coverage> [options]");
    process.exitCode = 2;
}
