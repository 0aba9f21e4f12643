-- Which buffers are Azure ML spec files: a `$schema` naming Azure ML, or a path the user
-- listed in `globs`. Pure functions of text and paths, so they work on every Neovim version.
local M = {}

-- `$schema` sits near the top in practice; reading more would slow down opening large files.
M.max_lines = 50

local function schema_line_is_azure_ml(line)
  local lower = line:lower()
  if not lower:find('azureml', 1, true) then
    return false
  end
  -- `$schema: <url>` (plain or quoted key), or the yaml-language-server modeline comment.
  return lower:match('^%s*["\']?%$schema["\']?%s*:') ~= nil
    or lower:match('^%s*#%s*yaml%-language%-server:%s*%$schema=') ~= nil
end

function M.has_azure_ml_schema(lines)
  for i = 1, math.min(#lines, M.max_lines) do
    if schema_line_is_azure_ml(lines[i]) then
      return true
    end
  end
  return false
end

-- Converts one path segment of a glob to an anchored Lua pattern: `*` and `?` stay within the
-- segment, everything else is literal.
function M.segment_pattern(segment)
  local out = {}
  for c in segment:gmatch('.') do
    if c == '*' then
      table.insert(out, '[^/]*')
    elseif c == '?' then
      table.insert(out, '[^/]')
    else
      table.insert(out, (c:gsub('%W', '%%%0')))
    end
  end
  return '^' .. table.concat(out) .. '$'
end

local function split(path)
  local parts = {}
  for part in path:gmatch('[^/]+') do
    table.insert(parts, part)
  end
  return parts
end

-- Glob segments from `gi` against path segments from `pi`; a `**` segment spans any number of
-- folders, including none.
local function match_segments(gsegs, gi, psegs, pi)
  if gi > #gsegs then
    return pi > #psegs
  end
  if gsegs[gi] == '**' then
    for skip = pi, #psegs + 1 do
      if match_segments(gsegs, gi + 1, psegs, skip) then
        return true
      end
    end
    return false
  end
  if pi > #psegs or not psegs[pi]:match(M.segment_pattern(gsegs[gi])) then
    return false
  end
  return match_segments(gsegs, gi + 1, psegs, pi + 1)
end

-- An absolute glob (`/…`, `~/…`) must match the whole path; a relative one matches the path's
-- tail from a folder boundary, as in .gitignore (`jobs/*.yml` matches `/repo/jobs/a.yml`).
function M.path_matches_glob(path, glob)
  if glob:sub(1, 2) == '~/' then
    glob = (os.getenv('HOME') or '~') .. glob:sub(2)
  end
  local gsegs, psegs = split(glob), split(path)
  if glob:sub(1, 1) == '/' then
    return match_segments(gsegs, 1, psegs, 1)
  end
  for start = 1, #psegs do
    if match_segments(gsegs, 1, psegs, start) then
      return true
    end
  end
  return false
end

function M.path_matches_any(path, globs)
  for _, glob in ipairs(globs or {}) do
    if M.path_matches_glob(path, glob) then
      return true
    end
  end
  return false
end

-- True when the buffer should get the server.
function M.is_azure_ml_buffer(bufnr, globs)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path ~= '' and M.path_matches_any(vim.fn.fnamemodify(path, ':p'), globs) then
    return true
  end
  return M.has_azure_ml_schema(vim.api.nvim_buf_get_lines(bufnr, 0, M.max_lines, false))
end

-- The folder holding `.amllint.yaml` or `.git` above the file, else the file's own folder.
function M.root_dir(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local found = vim.fn.findfile('.amllint.yaml', dir .. ';')
  if found ~= '' then
    return vim.fn.fnamemodify(found, ':p:h')
  end
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then
    return vim.fn.fnamemodify(git, ':p:h:h')
  end
  return dir
end

return M
