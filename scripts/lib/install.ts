// Finds or installs the system packages the embedded local services need (Debian/Ubuntu via apt).
import { existsSync } from "node:fs";
import { isRoot, run, tail, which } from "./proc.ts";
import { UserError, ui } from "./ui.ts";

export interface Package {
  /** What people call it, e.g. "PostgreSQL". */
  label: string;
  apt: string;
  brew: string;
  /** The programs we need from it, for the instructions. */
  provides: string;
}

export const postgresPackage: Package = {
  label: "PostgreSQL",
  apt: "postgresql",
  brew: "postgresql@17",
  provides: "initdb and pg_ctl",
};

export const redisPackage: Package = {
  label: "Redis",
  apt: "redis-server",
  brew: "redis",
  provides: "redis-server",
};

const onDebian = (): boolean => existsSync("/etc/debian_version") && which("apt-get") !== null;

/** True when we may install packages ourselves: root on Debian/Ubuntu. */
export const canAptInstall = (): boolean => isRoot && onDebian();

/** Runs `apt-get update && apt-get install -y <package>`, saying so first. */
export async function aptInstall(pkg: Package): Promise<void> {
  ui.notice(
    `${pkg.label} is not installed; installing it with apt-get (apt-get install -y ${pkg.apt})…`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", pkg.apt]]) {
    const result = await run(["apt-get", ...args], { env, inherit: !ui.quiet });
    if (result.code !== 0) {
      if (ui.quiet) console.error(tail(`${result.stdout}\n${result.stderr}`, 30));
      throw new UserError(
        `Installing ${pkg.label} failed (apt-get ${args.join(" ")} exited with ${result.code}). ` +
          `Fix apt (see its output above) and run this again, or install ${pkg.apt} yourself.`,
      );
    }
  }
}

/** The one-paragraph "what to do" when a package is missing and we cannot install it. */
export function installInstructions(pkg: Package, variables: string): string {
  let how: string;
  if (onDebian()) how = `Install it with \`sudo apt-get install -y ${pkg.apt}\``;
  else if (process.platform === "darwin") how = `Install it with \`brew install ${pkg.brew}\``;
  else how = `Install the ${pkg.label} server package (it must provide ${pkg.provides})`;
  return (
    `${pkg.label} is needed but not installed (no ${pkg.provides} found). ${how} and run this ` +
    `again, or point the project at an existing server by setting ${variables} in .env.`
  );
}
