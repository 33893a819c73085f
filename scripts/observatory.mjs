// scripts/observatory.mjs HOSTNAME: the Mozilla HTTP Observatory's own scanner
// (@mdn/mdn-http-observatory, from node_modules) run against the site at HOSTNAME, on ports 80
// and 443 of this machine. Prints one line per test and `Observatory grade: A+ (score 115)`;
// exits 1 below A+. Run it with NODE_EXTRA_CA_CERTS naming the site's certificate when that is
// self-signed (make docker-test does).
//
// The scanner reads two files its install script would download (the HSTS preload list and
// Mozilla's intermediate certificates): nothing is fetched from the network here. A missing
// preload list is replaced by an empty local one (the site is judged on its own headers, as a
// site not yet on the preload list).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const scanner = path.join(root, "node_modules", "@mdn", "mdn-http-observatory");
const preload = path.join(scanner, "conf", "hsts-preload.json");
if (!fs.existsSync(preload)) {
  fs.writeFileSync(preload, "{}\n");
}

const hostname = process.argv[2];
if (!hostname) {
  console.error("usage: node scripts/observatory.mjs HOSTNAME");
  process.exit(2);
}
const { scan } = await import(path.join(scanner, "src", "scanner", "index.js"));
let result;
for (let attempt = 1; ; attempt++) {
  try {
    result = await scan(hostname);
    break;
  } catch (error) {
    // A scanner that could not run is not a grade: say so, and try again twice.
    console.error(`Observatory scan ${attempt} did not run: ${error.message}`);
    if (attempt === 3) process.exit(1);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
for (const [name, test] of Object.entries(result.tests)) {
  const modifier = test.scoreModifier > 0 ? `+${test.scoreModifier}` : `${test.scoreModifier}`;
  console.log(`  ${test.pass ? "pass" : "FAIL"}  ${name}: ${test.result} (${modifier})`);
}
console.log(`Observatory grade: ${result.scan.grade} (score ${result.scan.score})`);
process.exit(result.scan.grade === "A+" ? 0 : 1);
