// The map: governorate polygons (shipped with the package, no tile server) and clustered event
// points coloured by type. Clicking a point opens the event.
import { typeClass } from "./dom.js";
import { lang } from "./i18n.js";

let map = null;
let cluster = null;
let regions = null;

export async function initMap(onMoved) {
  map = L.map("map", { zoomControl: true, attributionControl: true, minZoom: 5, maxZoom: 14 });
  const geo = await (await fetch("/static/data/syr_admin1.geojson")).json();
  regions = L.geoJSON(geo, { style: { color: "#5b6770", weight: 1, fillColor: "#e8e4da", fillOpacity: 0.7 } });
  regions.eachLayer((layer) => layer.bindTooltip(() => label(layer.feature.properties), { sticky: true }));
  regions.addTo(map);
  map.fitBounds(regions.getBounds());
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("OCHA / HDX (CC BY 3.0 IGO)");
  cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true });
  map.addLayer(cluster);
  map.on("moveend", () => onMoved && onMoved());
  return geo.features.map((f) => f.properties);
}

function label(props) {
  const span = document.createElement("span");
  span.textContent = lang() === "ar" ? props.name_ar : props.name_en;  // a text node, never HTML
  return span;
}

// "min_lon,min_lat,max_lon,max_lat" of the current view.
export function mapBounds() {
  if (!map) return null;
  const b = map.getBounds();
  const r = (x) => Math.round(x * 1e4) / 1e4;
  return [r(Math.max(b.getWest(), -180)), r(Math.max(b.getSouth(), -90)), r(Math.min(b.getEast(), 180)), r(Math.min(b.getNorth(), 90))].join(",");
}

export function showEvents(events, onOpen) {
  cluster.clearLayers();
  const markers = [];
  for (const e of events) {
    const loc = e.location;
    if (!loc || loc.lat === null || loc.lon === null) continue;
    const icon = L.divIcon({ className: `ev-dot ${typeClass(e.type)}`, iconSize: [14, 14] });
    const marker = L.marker([loc.lat, loc.lon], { icon, keyboard: true, title: `${e.type} ${loc.name_en || loc.text}` });
    marker.on("click", () => onOpen(e.id));
    marker.on("add", () => { const node = marker.getElement(); if (node) node.dataset.eventId = e.id; });
    markers.push(marker);
  }
  cluster.addLayers(markers);
}

export function invalidate() { if (map) map.invalidateSize(); }
