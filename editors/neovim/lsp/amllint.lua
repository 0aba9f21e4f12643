-- The server config that Neovim 0.11+ finds on 'runtimepath' for `vim.lsp.enable('amllint')`,
-- for users who skip `require('amllint').setup()`; nvim-lspconfig keeps its configs the same way.
-- Customise with `vim.lsp.config('amllint', { ... })`.
local detect = require('amllint.detect')

return {
  cmd = { 'amlls', '--stdio' },
  filetypes = { 'yaml' },
  -- Only Azure ML files get a root folder, so other YAML gets no server.
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    if name ~= '' and detect.is_azure_ml_buffer(bufnr, vim.g.amllint_globs or {}) then
      on_dir(detect.root_dir(name))
    end
  end,
  settings = { amllint = {} },
}
