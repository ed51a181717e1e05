// Preloaded by `bun test` (bunfig.toml): tests run against the TEST_* services, never dev data.
import { testEnvironment } from "@supportdesk/config";

Object.assign(process.env, testEnvironment());
