// Every `xueliang` subcommand, in the order `xueliang --help` lists them. Add new ones here.
import type { Command } from '../command';
import bench from './bench';
import db from './db';
import importCommand from './import';
import migrate from './migrate';
import serve from './serve';
import user from './user';

export const commands: Command[] = [
  bench,
  db,
  importCommand,
  migrate,
  serve,
  user,
];
