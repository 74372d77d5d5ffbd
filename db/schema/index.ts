export * from "./enums";
export * from "./accounts";
export * from "./inboxes";
export * from "./contacts";
export * from "./conversations";
export * from "./messages";
export * from "./events";
export * from "./catalog";
