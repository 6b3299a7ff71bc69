import type { CommandContext } from '../command';
export async function runCamerasImport(_ctx: CommandContext, _file: string): Promise<number> { return 1; }
