import { createRoot } from 'react-dom/client';

function App() {
  return <h1>雪亮 Xueliang</h1>;
}

createRoot(document.getElementById('root')!).render(<App />);
