-- A server definition for nvim-lspconfig users who prefer `require('lspconfig').amllint.setup{}`
-- to `require('amllint').setup()`. Call `require('amllint.lspconfig').register()` first.
local detect = require('amllint.detect')

local M = {}

local function file_lines(fname, bufnr)
  if bufnr and vim.api.nvim_buf_is_loaded(bufnr) then
    return vim.api.nvim_buf_get_lines(bufnr, 0, detect.max_lines, false)
  end
  local ok, lines = pcall(vim.fn.readfile, fname, '', detect.max_lines)
  return ok and lines or {}
end

-- `globs` as in `require('amllint').setup()`: paths that are Azure ML specs without `$schema`.
function M.default_config(globs)
  return {
    cmd = { 'amlls', '--stdio' },
    filetypes = { 'yaml' },
    -- lspconfig attaches only where root_dir returns a folder, so YAML that is not Azure ML
    -- gets no server.
    root_dir = function(fname, bufnr)
      local path = vim.fn.fnamemodify(fname, ':p')
      if detect.path_matches_any(path, globs) or detect.has_azure_ml_schema(file_lines(fname, bufnr)) then
        return detect.root_dir(path)
      end
      return nil
    end,
    single_file_support = false,
    settings = { amllint = {} },
    init_options = {},
  }
end

function M.register(opts)
  opts = opts or {}
  local configs = require('lspconfig.configs')
  if not configs.amllint then
    configs.amllint = {
      default_config = M.default_config(opts.globs),
      docs = {
        description = 'amlls: diagnostics, completion, hover and fixes for Azure ML CLI v2 YAML.',
      },
    }
  end
  return configs.amllint
end

return M
