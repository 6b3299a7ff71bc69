// The route registry: every route module, one line each. To add yours, write
// api/http/routes/<name>.ts exporting a RouteModule as default (see ./auth.ts and
// docs/contracts.md "## Adding routes") and add one import and one entry below.
import type { RouteModule } from '../env';
import audit from './audit';
import auth from './auth';
import basemap from './basemap';
import buildings from './buildings';
import cameras from './cameras';
import coverage from './coverage';
import dataset from './dataset';
import events from './events';
import exportsRoutes from './exports';
import fonts from './fonts';
import imports from './imports';
import metrics from './metrics';
import plans from './plans';
import siting from './siting';
import snapshots from './snapshots';
import status from './status';
import thresholds from './thresholds';
import tiles from './tiles';
import users from './users';

export const routeModules: RouteModule[] = [
  audit,
  auth,
  basemap,
  buildings,
  cameras,
  coverage,
  dataset,
  events,
  exportsRoutes,
  fonts,
  imports,
  metrics,
  plans,
  siting,
  snapshots,
  status,
  thresholds,
  tiles,
  users,
];
