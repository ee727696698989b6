import {
  KeepaliveError,
  runLibrary
} from "./shared-VP4BXAH6.js";

// src/library/index.ts
function keepAlive(options = {}) {
  return runLibrary(options, void 0, "library");
}
export {
  KeepaliveError,
  keepAlive
};
