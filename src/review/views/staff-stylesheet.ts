// The staff pages' stylesheet, served at /assets/staff.css on top of site.css: a wide layout,
// tables, filter bars, tags for statuses and severities, and the evidence frame.
export const staffStylesheet = `
body.staff main.wide{max-width:none}
.wide{max-width:1280px;margin:0 auto;padding:0 16px}
body.staff main.wide{background:#fff;margin:16px auto;padding:16px 24px;border-radius:6px;max-width:1280px}
.masthead .wide{display:flex;align-items:center;gap:24px;flex-wrap:wrap}
.nav{display:flex;gap:4px;flex:1;flex-wrap:wrap}
.nav a{color:#fff;text-decoration:none;padding:4px 10px;border-radius:4px}
.nav a.active,.nav a:hover{background:rgba(255,255,255,.2)}
.user{display:flex;gap:8px;align-items:center;font-size:14px}
button.link{background:none;border:1px solid rgba(255,255,255,.6);color:#fff;padding:2px 8px;border-radius:4px;cursor:pointer}
h1{font-size:22px;margin:8px 0 16px}h2{font-size:18px;margin:24px 0 8px;border-bottom:1px solid #eee;padding-bottom:4px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #e5e5e5;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#fafafa;color:#555;font-weight:normal;white-space:nowrap}
td.num,th.num{text-align:right}
tr:hover td{background:#fcfcf7}
.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:flex-end;background:#fafafa;padding:12px;border-radius:6px;margin-bottom:12px}
.filters label,.stack label{display:flex;flex-direction:column;font-size:13px;color:#555;gap:2px}
input,select,textarea{font:inherit;padding:4px 6px;border:1px solid #bbb;border-radius:4px}
textarea{width:100%;min-height:64px}
button{font:inherit;padding:4px 12px;border:1px solid #999;border-radius:4px;background:#fff;cursor:pointer}
button.primary{background:#c8161d;border-color:#c8161d;color:#fff}
button.danger{border-color:#b42318;color:#b42318}
form.inline{display:inline}
.actions{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start;margin:12px 0}
.actions form{display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.stack{display:flex;flex-direction:column;gap:8px;max-width:640px}
.flash{background:#eefbf1;border:1px solid #1a7f37;padding:8px 12px;border-radius:4px}
.error{background:#fef3f2;border:1px solid #b42318;padding:8px 12px;border-radius:4px}
.tag{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;background:#eee;white-space:nowrap}
.tag-high{background:#fde2e1;color:#912018}.tag-medium{background:#fef0c7;color:#93370d}.tag-low{background:#e0eaff;color:#1d3a8a}
.tag-new{background:#fef0c7}.tag-confirmed{background:#fde2e1}.tag-dismissed{background:#eee;color:#666}
.tag-handed_over,.tag-feedback{background:#e0eaff}.tag-closed{background:#dcfae6}
.tag-running,.tag-queued{background:#fef0c7}.tag-completed{background:#dcfae6}.tag-failed,.tag-interrupted{background:#fde2e1}
mark{background:#ffe08a;padding:0 2px}
.excerpt{font-size:16px;background:#fffbea;border-left:4px solid #f5b400;padding:8px 12px}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:16px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin:12px 0}
.card{border:1px solid #e5e5e5;border-radius:6px;padding:12px}
.card .figure{font-size:26px;font-weight:bold;color:#c8161d}
.card .label{font-size:13px;color:#555}
.chart{position:relative;height:260px}
pre{white-space:pre-wrap;word-break:break-all;background:#f7f7f7;padding:8px;border-radius:4px;font-size:13px;max-height:480px;overflow:auto}
code,.digest{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
iframe.evidence{width:100%;height:520px;border:1px solid #ccc;border-radius:4px;background:#fff}
img.screenshot{max-width:100%;border:1px solid #ccc}
progress{width:160px;height:14px;vertical-align:middle}
.pager{display:flex;gap:12px;margin:12px 0}
.muted{color:#777;font-size:13px}
.login{max-width:360px;margin:40px auto}
`;
