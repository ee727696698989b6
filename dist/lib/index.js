import {
  KeepaliveError,
  runLibrary
} from "./shared-D2PTOEE5.js";

// src/library/index.ts
function keepAlive(options = {}) {
  return runLibrary(options, void 0, "library");
}
export {
  KeepaliveError,
  keepAlive
};
