// Stands in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the end-to-end
// test: Office reports no host, so the pane runs on its FakeHost over the bundled sample.
window.Office = {
  HostType: { Excel: 'Excel' },
  PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC' },
  onReady: function (cb) {
    var p = Promise.resolve({ host: null, platform: null });
    if (cb) p.then(cb);
    return p;
  },
};
