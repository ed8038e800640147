/* eslint-disable */
// Builds the task pane and the ribbon function file into dist/, and serves them over HTTPS for
// sideloading. `npm run build` → dist/taskpane.html, commands.html, notice.html, help.html, assets/.
const path = require('path');
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

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const https = process.argv.includes('serve') ? await httpsOptions() : undefined;
  return {
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
      clean: true,
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
  };
};
