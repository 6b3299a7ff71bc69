// Camera search from the top bar, in every workspace: by part of the name or the start of the
// 20-digit device id (GET /search/cameras); choosing a hit flies the map to the camera and opens
// its card. A failed search is shown (notices), not swallowed.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Schemas } from '../api/client';
import { reportError } from './notices';

type Hit = Schemas['CameraSearchHit'];

export function CameraSearch({ onCamera }: { onCamera: (deviceId: string, lngLat: [number, number]) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setHits([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      get('/api/v1/search/cameras', { params: { query: { q, limit: 8 } }, signal: ctl.signal })
        .then((r) => setHits(r.cameras))
        .catch((e: unknown) => {
          if (!ctl.signal.aborted) reportError(e, 'search.label');
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [text, t]);

  const choose = (h: Hit) => {
    onCamera(h.deviceId, [h.lon, h.lat]);
    setText('');
    setHits([]);
  };

  return (
    <form
      className="camera-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (hits[0] !== undefined) choose(hits[0]);
      }}
    >
      <input
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        data-testid="camera-search"
      />
      {hits.length > 0 && (
        <ul className="search-hits" data-testid="camera-search-hits">
          {hits.map((h) => (
            <li key={h.deviceId}>
              <button type="button" className="link" onClick={() => choose(h)} data-device-id={h.deviceId}>
                {h.name || h.deviceId} <span className="muted small">{h.deviceId}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
