"""Good-practice sheets loaded by the demo, written for the site from situations the IGAS report
(2016) and the instruction of 11 April 2019 describe. Figures are those of the sources; sheets
marked illustrative add details (organisation, steps) that the sources do not give.
(slug, title, territory, sectors (names, ";"), mechanism, legal_reference, buyer_kind, period, summary, results,
description, source, illustrative, tags)"""

IGAS = "Rapport IGAS 2015-169R (2016)"
INSTRUCTION = "Instruction interministérielle du 11 avril 2019"

PRACTICES = [
    (
        "nord-clause-systematique",
        "Un département qui étend pas à pas la clause à tous ses marchés adaptés",
        "Département du Nord",
        "Bâtiment et travaux publics",
        "condition_execution",
        "Anciens articles 14, 15 et 30 du code des marchés publics",
        "departement",
        "2004-2014",
        "Le Département a commencé par l'entretien de ses bâtiments, puis a étendu la clause aux "
        "constructions neuves, aux routes et enfin à tous les marchés qui s'y prêtent.",
        "1,4 million d'heures d'insertion entre 2004 et 2014, dont 385 000 heures en 2014 ; "
        "40 % des heures confiées à des allocataires du RSA.",
        "La démarche a avancé par familles d'achats : entretien des bâtiments en 2004, bâtiments "
        "neufs en 2005, voirie en 2006, puis l'ensemble des marchés adaptés en 2013. En 2014, la "
        "condition d'exécution a porté 220 000 heures, les marchés réservés au secteur du "
        "handicap 45 000 heures et les marchés d'insertion 120 000 heures.",
        IGAS,
        False,
        "généralisation;RSA;travaux routiers",
    ),
    (
        "pas-de-calais-memoire-insertion",
        "Noter la qualité de l'insertion : le mémoire pèse autant que le prix",
        "Département du Pas-de-Calais",
        "Bâtiment et travaux publics;Propreté et nettoyage",
        "critere_attribution",
        "Anciens articles 14 et 53 du code des marchés publics",
        "departement",
        "depuis 2006",
        "Dans certains marchés, le Département juge les offres sur un mémoire d'insertion "
        "qui compte pour une large part de la note.",
        "Un tiers des marchés du Département comportait une clause sociale en 2015 ; plus de "
        "1 150 marchés avec clause depuis 2008 ; 88 % des bénéficiaires sont allocataires du RSA.",
        "Le rapport IGAS cite une pondération de 70 % pour le mémoire d'insertion et de 30 % "
        "pour le prix dans des marchés dont l'insertion est au cœur de la prestation. Le "
        "Département a aussi prévu une règle de proratisation des heures lorsque l'entreprise "
        "titulaire traverse des difficultés.",
        IGAS,
        False,
        "critère d'attribution;RSA;proratisation",
    ),
    (
        "region-idf-montee-en-charge",
        "Une région qui se fixe des objectifs d'heures et les dépasse",
        "Région Île-de-France",
        "Bâtiment et travaux publics",
        "condition_execution",
        "",
        "region",
        "2010-2015",
        "La Région a fixé chaque année un objectif d'heures d'insertion dans ses marchés, "
        "principalement pour la construction et la rénovation des lycées.",
        "179 099 heures en 2015 pour un objectif de 120 000 ; 127 marchés notifiés avec clause "
        "en 2015 ; la part des marchés avec clause passe de 4,9 % en 2013 à 15,7 % en 2015.",
        "Les heures sont réalisées à 95 % dans le bâtiment. Les embauches passent surtout par "
        "l'intérim d'insertion et les associations intermédiaires, avec quelques CDI et contrats "
        "en alternance.",
        IGAS,
        False,
        "objectifs;lycées;intérim d'insertion",
    ),
    (
        "mde-paris-marches-etat",
        "Une maison de l'emploi, facilitatrice des marchés de l'État à Paris",
        "Paris",
        "Accueil, gardiennage et services aux bâtiments",
        "condition_execution",
        "",
        "etat",
        "2013-2014",
        "La maison de l'emploi de Paris accompagne les directions centrales de l'État et d'autres "
        "acheteurs pour calibrer les clauses et suivre leur exécution.",
        "510 000 heures en 2014 avec 61 acheteurs accompagnés ; 61 % des heures réalisées par "
        "embauche directe chez le titulaire.",
        "La maison de l'emploi a dressé une liste de familles d'achats de services où la clause "
        "a fait ses preuves (nettoyage, accueil, logistique, maintenance…). Elle a poursuivi son "
        "activité alors que ses crédits d'État baissaient de moitié.",
        IGAS,
        False,
        "État;embauche directe;services",
    ),
    (
        "monographie-nettoyage-ministere",
        "Une clause sociale dans le marché de nettoyage d'un ministère",
        "Paris",
        "Propreté et nettoyage",
        "condition_execution",
        "",
        "etat",
        "2012",
        "Un marché courant de nettoyage des locaux d'un ministère, suivi de sa préparation à son "
        "exécution, montre qu'un achat banal peut porter une clause.",
        "La monographie publiée en 2012 décrit les étapes, les acteurs mobilisés (service public "
        "de l'emploi, chambres consulaires) et les recrutements réalisés.",
        "Ce cas figure dans la liste des publications de l'instruction de 2019 (monographie de la "
        "maison de l'emploi de Paris). La fiche en résume la démarche ; consultez la "
        "publication pour le détail.",
        INSTRUCTION + ", annexe 5",
        False,
        "nettoyage;achat courant",
    ),
    (
        "ucanss-plans-achats",
        "Les organismes de sécurité sociale et leurs plans d'achats responsables",
        "National",
        "Accueil, gardiennage et services aux bâtiments",
        "condition_execution",
        "",
        "securite_sociale",
        "2011-2018",
        "L'Ucanss fixe aux caisses des objectifs successifs d'achats responsables, dont une part "
        "de marchés avec clause sociale.",
        "En 2014, 17,6 % des marchés et 36,2 % des marchés de services à forte main-d'œuvre "
        "comportaient une clause ; 102 029 heures d'insertion.",
        "Le plan 2015-2018 visait 18 % des marchés de plus de 20 000 € HT avec une clause "
        "sociale. Les branches progressent à des rythmes très différents, ce que montrent les "
        "tableaux de suivi publiés par l'IGAS.",
        IGAS,
        False,
        "objectifs;sécurité sociale",
    ),
    (
        "ugap-clause-activable",
        "Une centrale d'achat qui propose la clause à ses clients",
        "National",
        "Accueil, gardiennage et services aux bâtiments",
        "condition_execution",
        "",
        "centrale",
        "2013-2015",
        "L'UGAP intègre une clause sociale dans ses marchés de services ; chaque client choisit "
        "de l'activer pour sa commande.",
        "96 % des marchés de services de l'UGAP comportaient une clause en 2015 (62 % en 2013) ; "
        "3 % seulement des marchés de fournitures.",
        "Un acheteur qui passe par une centrale peut donc demander à bénéficier de la clause. "
        "Une maison de l'emploi de Seine-et-Marne a suivi l'exécution de ces clauses pour le "
        "compte de la centrale.",
        IGAS,
        False,
        "centrale d'achat;services",
    ),
    (
        "anru-charte-insertion",
        "La charte nationale d'insertion de la rénovation urbaine",
        "Quartiers en rénovation urbaine",
        "Bâtiment et travaux publics",
        "condition_execution",
        "Charte nationale d'insertion de l'ANRU",
        "amenageur",
        "depuis 2005",
        "Les maîtres d'ouvrage des projets financés par l'ANRU réservent une part des heures de "
        "travaux aux habitants des quartiers concernés.",
        "23,6 millions d'heures d'insertion dans 378 projets au 30 juin 2015 ; 58 300 "
        "bénéficiaires depuis le début du programme.",
        "Chaque territoire décline la charte dans un plan local d'application (Placi) qui fixe "
        "la gouvernance et les indicateurs suivis chaque semestre. Les entreprises restent libres "
        "de choisir la manière de réaliser les heures.",
        IGAS,
        False,
        "QPV;renouvellement urbain;gouvernance",
    ),
    (
        "npdc-mutualisation-bassins",
        "Mutualiser les heures entre bassins d'emploi",
        "Nord-Pas-de-Calais",
        "Bâtiment et travaux publics;Propreté et nettoyage",
        "condition_execution",
        "",
        "commune",
        "2015",
        "Les facilitateurs de la région consolident leurs résultats et permettent à une personne "
        "d'un bassin de travailler sur un chantier d'un autre bassin.",
        "1 275 647 heures en 2015 pour 2 774 bénéficiaires ; 15 % des heures mutualisées entre "
        "territoires.",
        "Le bilan régional compare, pour chaque bassin, les heures réalisées par des personnes "
        "venues d'ailleurs et celles récupérées sur d'autres opérations. Il sert de base au "
        "dialogue entre facilitateurs voisins.",
        IGAS,
        False,
        "mutualisation;consolidation régionale",
    ),
    (
        "pole-emploi-facilitateur-picardie",
        "Quand le service public de l'emploi tient le rôle de facilitateur",
        "Picardie",
        "Bâtiment et travaux publics;Espaces verts et entretien des paysages",
        "condition_execution",
        "",
        "commune",
        "2015",
        "Là où aucune structure ne portait de facilitateur, Pôle emploi a accompagné l'ensemble "
        "des acheteurs du territoire.",
        "Le rapport IGAS cite cette organisation parmi les réponses possibles aux zones "
        "blanches ; il ne chiffre pas ses résultats.",
        "Illustration : un conseiller désigné reçoit la fiche du marché, propose un volume "
        "d'heures et oriente les candidats. Ces étapes sont données à titre d'exemple.",
        IGAS,
        True,
        "zone blanche;service public de l'emploi",
    ),
    (
        "marche-reserve-siae-espaces-verts",
        "Réserver un lot d'entretien des espaces verts aux SIAE",
        "Commune (exemple illustratif)",
        "Espaces verts et entretien des paysages",
        "reserve_siae",
        "Article 36-II de l'ordonnance de 2015",
        "commune",
        "",
        "Une commune découpe son marché d'entretien en lots et en réserve un aux structures "
        "d'insertion par l'activité économique.",
        "Exemple illustratif : la source décrit la possibilité ouverte par l'ordonnance de 2015, "
        "pas un cas chiffré.",
        "Depuis 2015, un marché ou un lot peut être réservé aux SIAE : elles le remportent en "
        "direct et développent leurs propres ressources. L'allotissement permet d'ajuster la "
        "taille du lot à leurs capacités.",
        INSTRUCTION,
        True,
        "marché réservé;allotissement;espaces verts",
    ),
    (
        "marche-insertion-qualification",
        "Un marché dont l'objet est l'insertion et la qualification",
        "Intercommunalité (exemple illustratif)",
        "Propreté et nettoyage",
        "marche_insertion",
        "Article 28 de l'ordonnance de 2015 (ancien article 30)",
        "commune",
        "",
        "Un marché de services de qualification et d'insertion offre un support de parcours "
        "long, par exemple pour l'entretien de sentiers.",
        "Un peu plus d'un marché sur dix portant une clause relève de ce levier selon "
        "l'instruction de 2019.",
        "La durée de ce type de marché favorise la construction d'un parcours complet. Les "
        "détails de mise en œuvre décrits ici sont illustratifs.",
        INSTRUCTION,
        True,
        "parcours;marché d'insertion",
    ),
    (
        "ea-esat-lot-reserve",
        "Confier un lot réservé aux entreprises adaptées et aux ESAT",
        "Établissement public (exemple illustratif)",
        "Accueil, gardiennage et services aux bâtiments",
        "reserve_handicap",
        "Article 36-I de l'ordonnance de 2015 (ancien article 15)",
        "etat",
        "",
        "Un établissement public réserve un lot de mise sous pli et de numérisation aux "
        "structures qui emploient des travailleurs handicapés.",
        "Ce levier reste rare : 0,5 % des heures selon les données de 2017 citées par "
        "l'instruction.",
        "La réservation au secteur du handicap et celle aux SIAE ne peuvent pas viser le même "
        "lot. L'exemple de prestation est illustratif.",
        INSTRUCTION,
        True,
        "handicap;marché réservé",
    ),
    (
        "grand-paris-charte-rse",
        "Une charte de responsabilité sociale pour les chantiers du Grand Paris",
        "Île-de-France",
        "Bâtiment et travaux publics",
        "condition_execution",
        "",
        "amenageur",
        "depuis 2015",
        "Les grands maîtres d'ouvrage des transports franciliens ont signé une charte commune "
        "qui inclut l'insertion dans leurs marchés de travaux.",
        "Charte signée le 5 octobre 2015 ; la charte d'insertion des Jeux de Paris 2024 a suivi "
        "en juillet 2018.",
        "Les grands projets concentrent des volumes d'heures importants sur plusieurs années : "
        "les signataires s'engagent à coordonner leurs exigences pour que les entreprises et les "
        "facilitateurs s'y retrouvent.",
        IGAS + " ; " + INSTRUCTION,
        False,
        "grands projets;charte",
    ),
    (
        "prestations-intellectuelles-numerique",
        "Une clause sociale dans un marché de services numériques",
        "Achat public ou privé (retours d'expérience)",
        "Numérique et saisie de données",
        "condition_execution",
        "",
        "etat",
        "2015-2016",
        "Gestion de parcs informatiques, numérisation de documents, création de sites web : des "
        "structures d'insertion interviennent aussi dans le numérique.",
        "Les retours d'expérience publiés par l'Avise montrent des collaborations réussies entre "
        "acheteurs et SIAE ; Pôle emploi fixe depuis 2018 des objectifs de clause pour ses "
        "prestations intellectuelles.",
        "Ces marchés demandent de calibrer la clause sur les tâches réellement accessibles "
        "(reconditionnement, saisie, tests). Les tâches citées sont données à titre d'exemple.",
        INSTRUCTION + ", annexe 5 ; " + IGAS,
        True,
        "numérique;prestations intellectuelles",
    ),
]
