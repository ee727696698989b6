import {
  KeepaliveError,
  runLibrary
} from "./shared-JU2IV7JA.js";

// src/library/index.ts
function keepAlive(options = {}) {
  return runLibrary(options, void 0, "library");
}
export {
  KeepaliveError,
  keepAlive
};
