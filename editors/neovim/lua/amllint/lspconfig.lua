-- A server definition for nvim-lspconfig's legacy interface (`require('lspconfig').amllint.setup{}`)
-- on Neovim 0.7-0.10. On 0.11+ use `vim.lsp.enable('amllint')`, which finds lsp/amllint.lua.
-- Call `require('amllint.lspconfig').register()` first.
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
    -- Replaced by an `on_attach` given to setup(); LspAttach below covers 0.8-0.9 anyway.
    on_attach = function(_, bufnr)
      require('amllint').set_omnifunc(bufnr)
    end,
  }
end

function M.register(opts)
  opts = opts or {}
  local configs = require('lspconfig.configs')
  if vim.fn.has('nvim-0.8') == 1 then
    vim.api.nvim_create_autocmd('LspAttach', {
      group = vim.api.nvim_create_augroup('amllint_lspconfig', { clear = true }),
      callback = function(args)
        local client = vim.lsp.get_client_by_id(args.data.client_id)
        if client and client.name == 'amllint' then
          require('amllint').set_omnifunc(args.buf)
        end
      end,
    })
  end
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
