// Every `xueliang` subcommand, in the order `xueliang --help` lists them. Add new ones here.
import type { Command } from '../command';
import agent from './agent';
import bench from './bench';
import db from './db';
import generate from './generate';
import importCommand from './import';
import migrate from './migrate';
import poll from './poll';
import serve from './serve';
import simulate from './simulate';
import status from './status';
import user from './user';

export const commands: Command[] = [
  agent,
  bench,
  db,
  generate,
  importCommand,
  migrate,
  poll,
  serve,
  simulate,
  status,
  user,
];
