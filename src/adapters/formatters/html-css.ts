/** The style sheet of `--format html` and of the web page (site/src/main.ts): screen, phone (narrow) and print (A4). */
export const HTML_CSS = `
:root{--err:#c62828;--err-bg:#ffebee;--warn:#b26a00;--warn-bg:#fff4e0;--unread:#6b6b6b;--line:#c9ced6;--fg:#1f2328;--muted:#59636e}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",SimSun,sans-serif;color:var(--fg);background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.4em;margin:.4em 0}
h2{font-size:1.2em;margin:1.2em 0 .4em;word-break:break-all}
h3{font-size:1.05em;margin:1em 0 .3em}
.report{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:16px 0}
.summary{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:.3em 0}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.9em;border:1px solid}
.badge.error{color:var(--err);border-color:var(--err);background:var(--err-bg)}
.badge.warning{color:var(--warn);border-color:var(--warn);background:var(--warn-bg)}
.badge.ok{color:#1a7f37;border-color:#1a7f37;background:#dafbe1}
.by-rule{color:var(--muted);font-size:.9em}
ol.findings{padding-left:1.6em;margin:.3em 0}
ol.findings li{margin:.35em 0}
.finding .sev{font-weight:600;margin-right:.3em}
.finding.error .sev{color:var(--err)}
.finding.warning .sev{color:var(--warn)}
.finding .where,.finding .rule{color:var(--muted);font-size:.88em;margin-left:.4em}
.finding a{color:#0550ae}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.4em 0 1em}
table.report-table{border-collapse:collapse;font-size:.88em;min-width:100%}
.report-table th,.report-table td{border:1px solid var(--line);padding:3px 6px;vertical-align:middle}
.report-table th{background:#eef1f5;font-weight:600;text-align:center}
.report-table td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.report-table td.label{min-width:8em}
.report-table td.bad-error{background:var(--err-bg);outline:2px solid var(--err);outline-offset:-2px;color:var(--err);font-weight:700}
.report-table td.bad-warning{background:var(--warn-bg);outline:2px solid var(--warn);outline-offset:-2px;font-weight:700}
.report-table td.unread{color:var(--unread);font-style:italic;background:repeating-linear-gradient(45deg,#f3f3f3,#f3f3f3 4px,#fff 4px,#fff 8px)}
.report-table tr.row-bad td.label{color:var(--err)}
.expected{display:block;font-size:.8em;font-weight:600;color:#1a7f37;white-space:nowrap}
.legend{font-size:.85em;color:var(--muted)}
.legend span{display:inline-block;padding:0 6px;margin:0 4px;border-radius:3px}
.legend .l-error{background:var(--err-bg);outline:1px solid var(--err)}
.legend .l-warning{background:var(--warn-bg);outline:1px solid var(--warn)}
.legend .l-unread{background:#eee;font-style:italic}
.legend .l-row{color:var(--err);font-weight:600}
.legend .l-expected{color:#1a7f37;font-weight:600}
.legend .l-solved{font-style:italic}
.legend .l-split,.report-table td.split{text-decoration:underline dotted}
.legend .l-head{text-decoration:line-through}
.report-table th.bad-head{background:var(--err-bg);color:var(--err);outline:2px solid var(--err);outline-offset:-2px}
.report-table th.bad-head.bad-warning{background:var(--warn-bg);color:var(--warn);outline-color:var(--warn)}
a.back{font-size:.75em;margin-left:2px;text-decoration:none;color:#0550ae}
.jumps{font-size:.9em;margin:.2em 0}
.finding a.to-cell{font-size:.88em;margin-left:.4em}
:target{scroll-margin-top:12px}
td:target,th:target,li:target{box-shadow:0 0 0 3px #0969da}
.fatal{color:var(--err);font-weight:600}
footer{color:var(--muted);font-size:.8em;text-align:center;margin:2em 0 1em}
@media (max-width:640px){body{font-size:14px}main{padding:8px}.report{padding:8px;border-radius:0;margin:8px -8px}.report-table{font-size:.8em}.report-table td.label{min-width:6em}}
@media print{@page{size:A4;margin:12mm}body{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}.report{border:0;padding:0;margin:0 0 8mm;break-before:page}.report:first-of-type{break-before:auto}.scroll{overflow:visible}table.report-table{font-size:8pt}.report-table tr{break-inside:avoid}.report-table td.bad-error,.report-table td.bad-warning,.badge,.report-table td.unread{-webkit-print-color-adjust:exact;print-color-adjust:exact}.finding a{color:inherit;text-decoration:none}footer{display:none}}
`;
