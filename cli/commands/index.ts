// Every `xueliang` subcommand, in the order `xueliang --help` lists them. Add new ones here.
import type { Command } from '../command';
import agent from './agent';
import bench from './bench';
import blindSpots from './blind-spots';
import coverage from './coverage';
import db from './db';
import discover from './discover';
import generate from './generate';
import importCommand from './import';
import migrate from './migrate';
import optics from './optics';
import poll from './poll';
import recompute from './recompute';
import report from './report';
import serve from './serve';
import simulate from './simulate';
import sip from './sip';
import start from './start';
import status from './status';
import suggest from './suggest';
import thresholds from './thresholds';
import timeZone from './time-zone';
import user from './user';

export const commands: Command[] = [
  agent,
  bench,
  blindSpots,
  coverage,
  db,
  discover,
  generate,
  importCommand,
  migrate,
  optics,
  poll,
  recompute,
  report,
  serve,
  simulate,
  sip,
  start,
  status,
  suggest,
  thresholds,
  timeZone,
  user,
];
