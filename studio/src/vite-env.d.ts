// Vite's types for what the build handles: CSS imports among them.
/// <reference types="vite/client" />
