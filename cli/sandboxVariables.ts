// The environment variables of `sandbox`'s options (a CI job can set them once for every step): apart from the command's
// code, so that the help does not load the sandbox.

export const sandboxVariables = {
  port: "SANDBOX_PORT",
  persist: "SANDBOX_PERSIST",
  projects: "SANDBOX_PROJECTS",
  stores: "SANDBOX_STORES",
  "client-id": "SANDBOX_CLIENT_ID",
  "client-secret": "SANDBOX_CLIENT_SECRET",
  "access-token": "SANDBOX_ACCESS_TOKEN",
  "api-key": "SANDBOX_API_KEY",
  "admin-token": "SANDBOX_ADMIN_TOKEN",
  "bc-quota": "SANDBOX_BC_QUOTA",
  "bc-window-ms": "SANDBOX_BC_WINDOW_MS",
  seed: "SANDBOX_SEED",
  serve: "SANDBOX_SERVE",
  "write-env": "SANDBOX_WRITE_ENV",
} as const;
