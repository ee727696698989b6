import {
  KeepaliveError,
  runLibrary
} from "./shared-W7E7XX5W.js";

// src/library/index.ts
function keepAlive(options = {}) {
  return runLibrary(options, void 0, "library");
}
export {
  KeepaliveError,
  keepAlive
};
