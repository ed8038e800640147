/* eslint-disable */
// Builds the task pane and the ribbon function file into dist/, and serves them over HTTPS for
// sideloading. `npm run build` → dist/taskpane.html, commands.html, notice.html, help.html, assets/,
// and the offline page dist/budget-recon.html (one self-contained file, see webPage below).
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const PORT = Number(process.env.PORT || 3000);

async function httpsOptions() {
  // Office requires HTTPS even on localhost; office-addin-dev-certs installs a trusted local CA.
  try {
    const devCerts = require('office-addin-dev-certs');
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    console.warn('office-addin-dev-certs unavailable (' + (e && e.message) + '); using a self-signed certificate.');
    return undefined;
  }
}

/**
 * Writes budget-recon.html from its template with the (single) bundle inline, and drops the
 * bundle file: the page must open from file:// and make no request, not even for its own script.
 */
class InlinePagePlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const { template, filename, chunk, inert = {} } = this.options;
    compiler.hooks.thisCompilation.tap('InlinePagePlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'InlinePagePlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, (assets) => {
        // One chunk's script, taken out of the build with its licence notices put back in.
        const take = (name) => {
          const files = [...(compilation.namedChunks.get(name)?.files ?? [])].filter((f) => f.endsWith('.js'));
          if (files.length !== 1) throw new Error(`InlinePagePlugin: expected one script for ${name}, got ${files.join(', ') || 'none'}`);
          // The licence notices the minimizer extracted go back into the one file, in place of the pointer to them.
          const licenceFile = compilation.getAsset(files[0])?.info.related?.license ?? `${files[0]}.LICENSE.txt`;
          const licences = assets[licenceFile] ? assets[licenceFile].source().toString().replace(/\*\//g, '* /') : '';
          let js = assets[files[0]].source().toString();
          if (licences) js = js.replace(/^\/\*! For license information please see [^*]*\*\/\n?/, () => `/*!\n${licences}*/\n`);
          compilation.deleteAsset(files[0]);
          if (assets[licenceFile]) compilation.deleteAsset(licenceFile);
          // Inside a script element the text must not close it ("</script") or open a comment ("<!--").
          return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
        };
        // Inert chunks (the Web Worker's code) ride along as text the page starts from a blob: URL.
        const carried = Object.entries(inert).map(([name, id]) => `<script type="text/x-worker" id="${id}">${take(name)}</script>\n  `).join('');
        const js = take(chunk);
        const html = fs.readFileSync(template, 'utf8').replace('</body>', () => `${carried}<script>${js}</script>\n  </body>`);
        compilation.emitAsset(filename, new webpack.sources.RawSource(html));
      });
    });
    compiler.hooks.afterCompile.tap('InlinePagePlugin', (compilation) => compilation.fileDependencies.add(template));
  }
}

/** The offline page: one chunk (dynamic imports folded in) and its worker's, inlined into budget-recon.html. */
function webPage(dev) {
  return {
    name: 'web',
    mode: dev ? 'development' : 'production',
    devtool: false,
    entry: { 'budget-recon': './src/web/index.tsx', 'budget-recon-worker': './src/web/worker.ts' },
    output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js', publicPath: '', clean: false, globalObject: 'self' },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: false } } },
        },
        // pdf.js's character maps for Chinese PDFs travel inside the page (src/web/pdf-pages.ts).
        { test: /\.bcmap$/, type: 'asset/inline', generator: { dataUrl: { mimetype: 'application/octet-stream' } } },
      ],
    },
    performance: { hints: false },
    plugins: [
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new InlinePagePlugin({ template: path.resolve(__dirname, 'src/web/budget-recon.html'), filename: 'budget-recon.html', chunk: 'budget-recon', inert: { 'budget-recon-worker': 'engine-worker' } }),
    ],
  };
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const https = process.argv.includes('serve') ? await httpsOptions() : undefined;
  return [{
    name: 'pane',
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'eval-source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/excel/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      // The offline page is built beside the pane (and alone by `--config-name web`): keep it.
      clean: { keep: /^budget-recon\.html$/ },
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: dev } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/excel/commands.html', chunks: ['commands'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/excel/notice.html', to: 'notice.html' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          { from: 'manifest.xml', to: 'manifest.xml' },
        ],
      }),
    ],
    devServer: {
      port: PORT,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: https ? { type: 'https', options: https } : { type: 'https' },
      static: { directory: path.resolve(__dirname, 'dist') },
      hot: false,
    },
  }, webPage(dev)];
};
