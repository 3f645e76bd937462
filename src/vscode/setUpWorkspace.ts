export function registerSetUpWorkspace(): void {}
