import {
  KeepaliveError,
  runLibrary
} from "./shared-YETSU66U.js";

// src/library/index.ts
function keepAlive(options = {}) {
  return runLibrary(options, void 0, "library");
}
export {
  KeepaliveError,
  keepAlive
};
