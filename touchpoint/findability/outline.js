// Outlines and labels found contacts for the evidence screenshot; removed right after it.
(boxes) => {
  const layer = document.createElement('div');
  layer.id = '__touchpoint_outlines';
  layer.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;z-index:2147483647;pointer-events:none';
  for (const b of boxes) {
    const box = document.createElement('div');
    box.style.cssText = `position:absolute;left:${b.x - 3}px;top:${b.y - 3}px;width:${b.w + 6}px;height:${b.h + 6}px;` +
      `outline:3px solid ${b.colour};background:${b.colour}22;border-radius:3px`;
    const tag = document.createElement('span');
    tag.textContent = b.label;
    tag.style.cssText = `position:absolute;left:-3px;top:-20px;font:bold 12px sans-serif;color:#fff;` +
      `background:${b.colour};padding:1px 4px;border-radius:2px;white-space:nowrap`;
    box.appendChild(tag);
    layer.appendChild(box);
  }
  document.body.appendChild(layer);
}
