// `npm run bench -- <name> [options]`: one benchmark per name.
export {};

const [benchmark, ...args] = process.argv.slice(2);

switch (benchmark) {
  case "coverage": {
    const { runCoverageBench } = await import("./coverage");
    await runCoverageBench(args);
    break;
  }
  case "duplicates": {
    const { runDuplicatesBench } = await import("./duplicates");
    await runDuplicatesBench(args);
    break;
  }
  case "import": {
    const { runImportBench } = await import("./import");
    await runImportBench(args);
    break;
  }
  default:
    console.error("Usage: npm run bench -- <coverage|duplicates|import> [options]");
    process.exitCode = 2;
}
