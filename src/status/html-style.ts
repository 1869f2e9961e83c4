// The HTML report's stylesheet, inlined: the file must open anywhere, offline, with no CDN.
export const STATUS_CSS = `
:root{--covered:#1a7f37;--pending:#9a6700;--missing:#cf222e;--failed:#82071e;--suspended:#6e7781;--excluded:#8c959f;
--region-off:#57606a;--exempt:#afb8c1;--unknown:#8250df;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:16px 24px;border-bottom:1px solid var(--line);background:var(--head)}h1{font-size:20px;margin:0 0 4px}
h2{font-size:16px;margin:24px 0 8px}main{padding:0 24px 48px}.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%}th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600}#matrix th{position:sticky;top:0;z-index:1}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:0 6px;border-radius:10px;color:#fff;font-size:12px;font-weight:600;white-space:nowrap}
.s-covered{background:var(--covered)}.s-pending{background:var(--pending)}.s-missing{background:var(--missing)}.s-failed{background:var(--failed)}
.s-suspended{background:var(--suspended)}.s-excluded{background:var(--excluded)}.s-region-off{background:var(--region-off)}
.s-exempt{background:var(--exempt)}.s-unknown{background:var(--unknown)}
.v-pass{background:var(--covered)}.v-fail{background:var(--missing)}.v-warn{background:var(--pending)}.v-unknown{background:var(--unknown)}
.checklist{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:8px}
.checklist>li{border:1px solid var(--line);border-radius:6px;padding:8px 10px}.checklist ul{margin:4px 0 0;padding-left:18px;color:var(--muted);font-size:13px}
#filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:end;padding:8px 0}#filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
#filters select,#filters input{font:inherit;padding:3px 6px;min-width:160px}
.bar{display:flex;height:8px;border-radius:4px;overflow:hidden;background:var(--line);min-width:70px;margin-top:2px}.bar span{display:block;height:100%}
tr.ou{cursor:pointer}tr.ou:hover{background:#f0f6ff}tr.ou td:first-child::before{content:"▸ ";color:var(--muted)}tr.ou.open td:first-child::before{content:"▾ "}
tr.account td:first-child{padding-left:28px}tr.account{cursor:pointer;background:#fcfcfd}tr.detail td{background:#fbfbfb;font-size:13px;padding-left:28px}
.strip{display:inline-flex;gap:1px}.strip i{display:block;width:7px;height:14px;border-radius:1px}
.cell-text{font-size:12px;color:var(--muted)}button.more{font:inherit;margin:4px 0 4px 28px}
.legend{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}.tablewrap{max-height:none}
`
