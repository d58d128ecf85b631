/**
 * Named allow-lists for the classes a framework pickles its own models with. None applies by
 * default: an operator names one, per model, in the security_scan policy (allowFrameworks), and
 * even then the deny list wins. Each list is versioned; the scan records the version a global was
 * matched under.
 *
 * A list admits a global when its module is one of `modules` or below it (not one of `exclude`)
 * and its name is a class name (a single capitalised identifier: modules re-export functions of
 * other modules, such as joblib's load, under their own names; classes are what estimators
 * pickle); or when the global is named exactly in `names`.
 */
export interface FrameworkAllowList {
  framework: string
  version: string
  description: string
  modules: readonly string[]
  exclude: readonly string[]
  names: readonly string[]
}

export const FRAMEWORK_ALLOW_LISTS: readonly FrameworkAllowList[] = [
  {
    framework: 'sklearn',
    version: 'sklearn/1',
    description: 'scikit-learn estimators, transformers and pipelines, and the numpy/scipy objects they hold',
    modules: ['sklearn'],
    // Dataset fetchers reach the network, the test helpers and the vendored joblib load files.
    exclude: [
      'sklearn.datasets', 'sklearn.externals', 'sklearn.utils._testing', 'sklearn.utils._show_versions', 'sklearn.utils.fixes',
      'sklearn.experimental', 'sklearn.utils._joblib', 'sklearn.utils.parallel', 'sklearn.utils.estimator_checks', 'sklearn.utils.discovery',
    ],
    names: [
      'numpy.random._pickle.__randomstate_ctor', 'numpy.random._pickle.__generator_ctor', 'numpy.random._pickle.__bit_generator_ctor',
      'numpy.random.mtrand.RandomState', 'numpy.random._generator.Generator', 'numpy.random._mt19937.MT19937', 'numpy.random._pcg64.PCG64',
      'scipy.sparse._csr.csr_matrix', 'scipy.sparse._csc.csc_matrix', 'scipy.sparse._coo.coo_matrix', 'scipy.sparse.csr.csr_matrix', 'scipy.sparse.csc.csc_matrix',
    ],
  },
  {
    framework: 'xgboost',
    version: 'xgboost/1',
    description: 'XGBoost boosters and their scikit-learn wrappers',
    modules: [],
    exclude: [],
    names: ['xgboost.core.Booster', 'xgboost.sklearn.XGBClassifier', 'xgboost.sklearn.XGBRegressor', 'xgboost.sklearn.XGBRanker', 'xgboost.sklearn.XGBRFClassifier', 'xgboost.sklearn.XGBRFRegressor'],
  },
  {
    framework: 'lightgbm',
    version: 'lightgbm/1',
    description: 'LightGBM boosters and their scikit-learn wrappers',
    modules: [],
    exclude: [],
    names: ['lightgbm.basic.Booster', 'lightgbm.sklearn.LGBMClassifier', 'lightgbm.sklearn.LGBMRegressor', 'lightgbm.sklearn.LGBMRanker'],
  },
]

const CLASS_NAME = /^[A-Z][A-Za-z0-9_]*$/

function under(module: string, prefix: string): boolean {
  return module === prefix || module.startsWith(`${prefix}.`)
}

export function frameworkAllowList(framework: string): FrameworkAllowList | undefined {
  return FRAMEWORK_ALLOW_LISTS.find((list) => list.framework === framework)
}

/** Versions ("sklearn/1") of the framework lists that would admit module.name. */
export function frameworksAdmitting(module: string, name: string): string[] {
  const qualified = `${module}.${name}`
  const admitting: string[] = []
  for (const list of FRAMEWORK_ALLOW_LISTS) {
    const byName = list.names.includes(qualified)
    const byModule = CLASS_NAME.test(name) && list.modules.some((m) => under(module, m)) && !list.exclude.some((m) => under(module, m))
    if (byName || byModule) admitting.push(list.version)
  }
  return admitting
}
