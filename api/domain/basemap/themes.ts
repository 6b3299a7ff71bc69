// Basemap palettes. Dark is for the command-center video wall (low luminance so the coloured
// camera and blind-spot layers stand out); light is for daylight desks. Both keep label text at
// a contrast ratio above 4.5:1 against their background.
export type ThemeName = 'dark' | 'light';

export interface BasemapPalette {
  background: string;
  water: string;
  waterLine: string;
  building: string;
  buildingOutline: string;
  roadMinor: string;
  roadMain: string;
  roadTrunk: string;
  roadCasing: string;
  boundaryCounty: string;
  boundaryTown: string;
  label: string;
  labelHalo: string;
  roadLabel: string;
}

export const PALETTES: Record<ThemeName, BasemapPalette> = {
  dark: {
    background: '#0e1420',
    water: '#16324f',
    waterLine: '#1f4a73',
    building: '#1f2633',
    buildingOutline: '#2b3444',
    roadMinor: '#2a3242',
    roadMain: '#3b4658',
    roadTrunk: '#56627a',
    roadCasing: '#0a0f18',
    boundaryCounty: '#9aa7bd',
    boundaryTown: '#5f6b80',
    label: '#e3e8f0',
    labelHalo: '#0e1420',
    roadLabel: '#b8c2d3',
  },
  light: {
    background: '#f4f2ee',
    water: '#a9cbe8',
    waterLine: '#7fb0da',
    building: '#dedad3',
    buildingOutline: '#c9c3b9',
    roadMinor: '#ffffff',
    roadMain: '#fde7b2',
    roadTrunk: '#f7c873',
    roadCasing: '#c4bcae',
    boundaryCounty: '#6d5a8a',
    boundaryTown: '#a393bb',
    label: '#1d232b',
    labelHalo: '#ffffff',
    roadLabel: '#434b57',
  },
};

export function isThemeName(v: unknown): v is ThemeName {
  return v === 'dark' || v === 'light';
}
