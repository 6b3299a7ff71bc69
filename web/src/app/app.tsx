// The app shell: login gate, header (workspaces, theme, language, data label), the time slider,
// the map with its legend and cards, and the active workspace's panel.
import type maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Schemas } from '../api/client';
import { AuditLogPage, canReadAudit } from '../audit/audit-page';
import { setLang } from '../i18n';
import type { CoverageLayerProps } from '../map/coverage-layers';
import { onBlindSpotTiles } from '../map/blind-spot-tiles';
import { loadLabelFonts } from '../map/label-fonts';
import { MapView, type MapClick } from '../map/map-view';
import { CameraSearch } from './camera-search';
import { Notices } from './notices';
import { CameraCard } from '../panels/camera-card';
import { canImport } from '../imports/ledger-report';
import { ImportPanel } from '../imports/import-panel';
import { PointInfo } from '../panels/point-info';
import { PlanningWorkspace } from '../planning/planning-workspace';
import { utmProjector } from '../planning/projection';
import { usePlanEditor } from '../planning/use-plan-editor';
import { CommandCenter } from '../workspaces/command-center';
import { CoverageWorkspace, type FlyTarget } from '../workspaces/coverage-workspace';
import { DeadlinePanel } from '../workspaces/deadline-panel';
import { ChangePasswordPage } from './change-password-page';
import { Legend } from './legend';
import { LoginPage } from './login-page';
import { TimeSlider } from './time-slider';
import { useSession } from './use-session';
import { useStatusStream } from './use-status-stream';

const loadDataset = () => get('/api/v1/dataset');

type Workspace = 'coverage' | 'command' | 'planning' | 'deadline' | 'import' | 'audit';
const WORKSPACES: Workspace[] = ['coverage', 'command', 'planning', 'deadline', 'import', 'audit'];
const THEME_KEY = 'xl.theme';

function Shell({ onLogout, role, username }: { onLogout: () => void; role: string; username: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [dataset, setDataset] = useState<Schemas['Dataset'] | null>(null);
  const [datasetError, setDatasetError] = useState<string | null>(null);
  // The import tab is for engineers and admins only, the audit log for admins (the API refuses others anyway).
  const workspaces = WORKSPACES.filter((w) => (w !== 'import' || canImport(role)) && (w !== 'audit' || canReadAudit(role)));
  const [workspace, setWorkspace] = useState<Workspace>(() => workspaces.find((w) => `#${w}` === window.location.hash) ?? 'coverage');
  const [theme, setTheme] = useState<'dark' | 'light'>(() => (localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark'));
  const [asOf, setAsOf] = useState<string | null>(null);
  // The date whose tiles the map has drawn: the heavy blind-spot list of a date waits for it.
  const [mapDrawnFor, setMapDrawnFor] = useState<string | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const [camera, setCamera] = useState<string | null>(null);
  const [point, setPoint] = useState<[number, number] | null>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const stream = useStatusStream(true);

  useEffect(() => {
    Promise.all([loadDataset(), loadLabelFonts()])
      .then(([d]) => setDataset(d))
      .catch((e: unknown) => setDatasetError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(THEME_KEY, theme);
  }, [theme]);
  useEffect(() => {
    window.location.hash = workspace;
  }, [workspace]);

  const proj = useMemo(() => {
    if (dataset === null) return null;
    const b = dataset.bounds;
    const c = dataset.center ?? (b ? ([(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] as [number, number]) : ([0, 0] as [number, number]));
    return utmProjector(dataset.metricSrid, c);
  }, [dataset]);
  const editor = usePlanEditor(proj, workspace === 'planning');
  // The planner's preview reads the blind-spot tiles the map loads (blind-spot-tiles.ts).
  useEffect(() => {
    onBlindSpotTiles(editor.onBlindTile);
    return () => onBlindSpotTiles(null);
  }, [editor.onBlindTile]);

  const coverage = useMemo(
    (): CoverageLayerProps => ({
      asOf,
      now: workspace === 'command',
      level,
      showFootprints: true,
      showTargets: true,
      showBlindSpots: true,
      showCameras: true,
      statusOverrides: stream.overrides,
      statusVersion: stream.version,
    }),
    [asOf, workspace, level, stream.overrides, stream.version],
  );

  const onClick = useCallback(
    (c: MapClick) => {
      if (workspace === 'planning' && editor.addMode) {
        editor.add(c.lngLat);
        return;
      }
      if (c.cluster) return;
      if (c.deviceId !== undefined) {
        setPoint(null);
        setCamera(c.deviceId);
      } else if (workspace !== 'planning') {
        setCamera(null);
        setPoint(c.lngLat);
      }
    },
    [workspace, editor],
  );

  const fly = useCallback((f: FlyTarget) => {
    const map = mapRef.current;
    if (map === null) return;
    if (f.bbox) map.fitBounds(f.bbox, { padding: 80, maxZoom: 18 });
    else if (f.center) map.flyTo({ center: f.center, zoom: 17 });
  }, []);

  if (datasetError !== null)
    return (
      <p role="alert" className="error">
        {t('app.error', { message: datasetError })}
      </p>
    );
  if (dataset === null) return <p className="loading">{t('app.loading')}</p>;

  return (
    <div className="shell">
      <header className="top">
        <h1>{t('app.title')}</h1>
        {dataset.generated && (
          <span className="badge" data-testid="generated-label">
            {t('app.generatedDemo')}
          </span>
        )}
        <nav className="tabs" role="tablist" aria-label={t('workspace.label')}>
          {workspaces.map((w) => (
            <button
              key={w}
              type="button"
              role="tab"
              aria-selected={workspace === w}
              onClick={() => setWorkspace(w)}
              data-testid={`tab-${w}`}
            >
              {t(`workspace.${w}`)}
            </button>
          ))}
        </nav>
        <CameraSearch
          onCamera={(id, lngLat) => {
            setPoint(null);
            setCamera(id);
            fly({ center: lngLat });
          }}
        />
        <div className="tools">
          {/* The visible word is the accessible name (WCAG 2.5.3); the title says what it does. */}
          <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} title={t('app.theme.toggle')}>
            {t(theme === 'dark' ? 'app.theme.light' : 'app.theme.dark')}
          </button>
          <button type="button" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')} lang={lang === 'en' ? 'zh-CN' : 'en'}>
            {t('app.language')}
          </button>
          <button type="button" onClick={onLogout}>
            {t('app.logout')}
          </button>
        </div>
      </header>
      {workspace === 'audit' ? (
        <AuditLogPage />
      ) : (
        <>
          <TimeSlider firstInstall={dataset.firstInstallDate ?? '2016-01-01'} asOf={asOf} onChange={setAsOf} />
          <div className="body">
            {/* Focusable: the panel scrolls when a workspace is taller than the window (the deadline's
                now and design series), and a keyboard user must be able to scroll it (axe
                scrollable-region-focusable). */}
            <aside className="panel" tabIndex={0} aria-label={t(`workspace.${workspace}`)}>
              {workspace === 'coverage' && (
                <CoverageWorkspace asOf={asOf} level={level} onLevel={setLevel} onFly={fly} stream={stream} mapDrawnFor={mapDrawnFor} />
              )}
              {workspace === 'command' && (
                <CommandCenter
                  stream={stream}
                  role={role}
                  onCamera={(id, lngLat) => {
                    setPoint(null);
                    setCamera(id);
                    if (lngLat !== undefined) fly({ center: lngLat });
                  }}
                />
              )}
              {workspace === 'planning' && (
                <PlanningWorkspace editor={editor} asOf={asOf} onFly={(c) => fly({ center: c })} user={{ username, role }} />
              )}
              {workspace === 'deadline' && <DeadlinePanel theme={theme} />}
              {workspace === 'import' && <ImportPanel />}
            </aside>
            <div className="map-wrap">
              <MapView
                theme={theme}
                lang={lang}
                dataset={dataset}
                coverage={coverage}
                plan={editor.drawing}
                onClick={onClick}
                onPointerDown={(ll, _pt, pick) => editor.onPointerDown(ll, pick)}
                onPointerMove={editor.onPointerMove}
                onPointerUp={() => editor.onPointerUp()}
                onMap={(m) => {
                  mapRef.current = m;
                }}
                onDrawn={setMapDrawnFor}
              />
              <Legend />
              {camera !== null && <CameraCard deviceId={camera} asOf={asOf} onClose={() => setCamera(null)} />}
              {point !== null && camera === null && <PointInfo lngLat={point} onClose={() => setPoint(null)} onCamera={setCamera} />}
            </div>
          </div>
        </>
      )}
      <Notices />
    </div>
  );
}

export function App() {
  const { t } = useTranslation();
  const { user, checked, login, logout, changePassword } = useSession();
  if (!checked) return <p className="loading">{t('app.loading')}</p>;
  if (user === null) return <LoginPage onLogin={login} />;
  if (user.mustChangePassword) return <ChangePasswordPage onChange={changePassword} />;
  return <Shell onLogout={() => void logout()} role={user.role} username={user.username} />;
}
